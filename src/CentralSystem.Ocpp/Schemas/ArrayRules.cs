using System.Globalization;
using System.Text.Json;

namespace CentralSystem.Ocpp.Schemas;

// items (one schema for every item, or the tuple form), additionalItems, minItems, maxItems.
// As in draft-07, additionalItems only means something next to tuple-form items: the OCPP 2.0.1
// bundle writes "additionalItems": false beside single-schema items, where it has no effect.
internal sealed class ArrayRules
{
    private readonly SchemaNode? _items;
    private readonly SchemaNode[]? _tupleItems;
    private readonly SchemaNode? _additionalItems;
    private readonly bool _allowAdditionalItems;
    private readonly int _minItems;
    private readonly int _maxItems;

    public ArrayRules(
        SchemaNode? items,
        SchemaNode[]? tupleItems,
        SchemaNode? additionalItems,
        bool allowAdditionalItems,
        int minItems,
        int maxItems)
    {
        _items = items;
        _tupleItems = tupleItems;
        _additionalItems = additionalItems;
        _allowAdditionalItems = allowAdditionalItems;
        _minItems = minItems;
        _maxItems = maxItems;
    }

    public void Validate(ref ValidationContext context)
    {
        var count = 0;
        while (true)
        {
            context.ReadNext();
            if (context.Reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            context.PushIndex(count);
            var node = ItemSchema(count);
            if (node is not null)
            {
                node.Validate(ref context);
            }
            else
            {
                if (_tupleItems is not null && !_allowAdditionalItems)
                {
                    context.Report(
                        SchemaViolationKind.AdditionalItems,
                        string.Create(CultureInfo.InvariantCulture, $"item not allowed: the tuple has {_tupleItems.Length} items and additionalItems is false"));
                }

                context.Reader.Skip();
            }

            context.Pop();
            count++;
            if (context.Stopped)
            {
                return;
            }
        }

        if (count < _minItems)
        {
            context.Report(
                SchemaViolationKind.MinItems,
                string.Create(CultureInfo.InvariantCulture, $"{count} items, fewer than minItems {_minItems}"));
        }

        if (count > _maxItems)
        {
            context.Report(
                SchemaViolationKind.MaxItems,
                string.Create(CultureInfo.InvariantCulture, $"{count} items exceeds maxItems {_maxItems}"));
        }
    }

    private SchemaNode? ItemSchema(int index)
    {
        if (_tupleItems is null)
        {
            return _items;
        }

        return index < _tupleItems.Length ? _tupleItems[index] : _additionalItems;
    }
}
